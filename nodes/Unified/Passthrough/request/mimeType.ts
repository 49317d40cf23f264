export const FALLBACK_MIME_TYPE = 'application/octet-stream';

// RFC 9110 media type: token "/" token *( OWS ";" OWS token "=" ( token / quoted-string ) ), printable ASCII only.
// No alternative overlaps another, so matching stays linear however long the input.
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const QUOTED_STRING = '"(?:[\\t !#-\\[\\]-~]|\\\\[\\t -~])*"';
const MEDIA_TYPE = new RegExp(
	`^${TOKEN}/${TOKEN}(?:[ \\t]*;[ \\t]*${TOKEN}=(?:${TOKEN}|${QUOTED_STRING}))*$`,
);

/**
 * A binary's MIME type as it may go into a request or multipart part header. It comes from the input item, which
 * may hold anything (a webhook's upload): a CR or LF there would add headers of its own, so anything but a
 * well-formed `type/subtype[; name=value]...` becomes application/octet-stream.
 */
export function safeMimeType(mimeType: string | undefined): string {
	const trimmed = (mimeType ?? '').trim();
	return MEDIA_TYPE.test(trimmed) ? trimmed : FALLBACK_MIME_TYPE;
}
