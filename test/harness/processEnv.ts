/** Takes a copy of process.env; the function it returns puts the environment back as it was (removing what was added). */
export function keepProcessEnv(): () => void {
	const saved = { ...process.env };
	return () => {
		for (const name of Object.keys(process.env)) {
			if (!Object.hasOwn(saved, name)) delete process.env[name];
		}
		Object.assign(process.env, saved);
	};
}
