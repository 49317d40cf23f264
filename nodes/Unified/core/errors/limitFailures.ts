import { PassthroughFailure } from './passthroughFailure';
import { byteSize } from '../shared/values';

/** A JSON or text body over "Max Response Size". Not retried: the same request would get the same body. */
export function responseTooLarge(maxBytes: number, statusCode: number): PassthroughFailure {
	return new PassthroughFailure(
		`The response body is larger than ${byteSize(maxBytes)}, the "Max Response Size" option; reading stopped there`,
		{
			description:
				'Raise "Max Response Size" (maxResponseSize) under Options if the body is genuine, or ask the API for less (a smaller page or limit). ' +
				'With Response Format "File" a large body is stored as a file instead, without this limit.',
			statusCode,
		},
	);
}

/** A compressed file that expands past "Max Compression Ratio" (a decompression bomb, or an unusually repetitive file). */
export function compressionRatioExceeded(
	maxRatio: number,
	receivedBytes: number,
	decodedBytes: number,
	statusCode: number,
): PassthroughFailure {
	return new PassthroughFailure(
		`The compressed response expands more than ${maxRatio} times, the "Max Compression Ratio" option (${byteSize(receivedBytes)} received had become ${byteSize(decodedBytes)}); reading stopped there`,
		{
			description:
				'This is how a decompression bomb looks: a small download that would fill the memory or disk. If the file is genuine, raise "Max Compression Ratio" (maxCompressionRatio) under Options, or set it to 0 to turn the check off.',
			statusCode,
		},
	);
}

/** More content encodings than any server uses: each one more decoder (and its window) per response. */
export function tooManyContentEncodings(
	contentEncoding: string,
	maxEncodings: number,
	statusCode: number,
): PassthroughFailure {
	return new PassthroughFailure(
		`The response is compressed more times than the node decodes (Content-Encoding: ${contentEncoding.slice(0, 200)}); at most ${maxEncodings} encodings are undone`,
		{
			description:
				'Servers compress a response once. Ask the API (or the proxy in between) to send it with a single Content-Encoding.',
			statusCode,
		},
	);
}

/**
 * A file that holds the API key (an upstream or proxy echoing the Authorization header). Failed, not redacted:
 * replacing bytes would silently corrupt a PDF or an archive, and the user must learn that the key was echoed.
 */
export function fileHoldsSecret(statusCode: number): PassthroughFailure {
	return new PassthroughFailure(
		'The file in the response holds the API key, so it was not stored (the part already read was discarded)',
		{
			description:
				'The upstream, or a proxy between Unified.to and it, echoes the key sent in the Authorization header into the file. The node never keeps a file that holds the key: check what the endpoint returns (e.g. a debug or echo endpoint), and rotate the key if the file may have been saved elsewhere.',
			statusCode,
		},
	);
}
