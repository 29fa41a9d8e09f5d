// The few HTTP helpers the server needs: JSON out, JSON in (bounded), and a client error carrying its status.
// node:http alone, so the image carries no web framework.

/** An error the client caused; the server answers `status` with `{ error: message }`. */
export class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export function sendJson(response, status, body) {
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  response.end(text);
}

const MAX_BODY = 64 * 1024;

/** The request body parsed as JSON; 413 past 64 KiB, 400 when it is not JSON. */
export async function readJson(request) {
  let size = 0;
  const chunks = [];
  for await (const chunk of request) {
    size += chunk.length;
    if (size > MAX_BODY) throw new HttpError(413, `the body is larger than ${MAX_BODY} bytes`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new HttpError(400, "the body is not JSON");
  }
}
