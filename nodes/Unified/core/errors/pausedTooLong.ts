import { PassthroughFailure } from './passthroughFailure';
import { seconds } from '../shared/values';

/**
 * A call refused because its connection is paused for longer than the call's own Max Wait: the pause another call
 * (or a quota) caused never holds a call longer than it accepts.
 */
export function pausedTooLong(pauseMs: number, maxWaitMs: number): PassthroughFailure {
	return new PassthroughFailure(
		`The connection is paused for ${seconds(pauseMs)} (the API asked another call of this connection to wait), more than the ${seconds(maxWaitMs)} "Max Wait" of this call allows; not sent`,
		{
			description:
				'Another execution or item on this connection was asked to wait. Raise "Max Wait" under Retry to wait that long, or run the workflow later.',
		},
	);
}
