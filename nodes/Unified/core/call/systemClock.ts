import { sleep } from '../shared/sleep';
import type { Clock } from './call';

export const systemClock: Clock = { sleep, now: Date.now };
