import { sleep } from '../shared/sleep';
import type { Clock } from './dispatch';

export const systemClock: Clock = { sleep, now: Date.now };
