import { sleep } from '../shared/sleep';
import type { Clock } from './types';

export const systemClock: Clock = { sleep, now: Date.now };
