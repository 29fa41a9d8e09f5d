import type { IncomingMessage } from "node:http";

/** A request's whole body: what the stand-ins read before they answer. */
export async function requestBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
