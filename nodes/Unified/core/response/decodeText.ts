/** Decodes with the charset the server declared; unknown charsets fall back to UTF-8. */
export function decodeText(buffer: Buffer, charset: string | undefined): string {
	const label = charset ?? 'utf-8';
	let decoder: TextDecoder;
	try {
		decoder = new TextDecoder(label);
	} catch {
		decoder = new TextDecoder('utf-8');
	}
	return decoder.decode(buffer);
}
