// Entry of a worker thread that parses YAML files for the loader (src/load/parse-pool.ts): the
// loader stays in charge of reading, the value cap and the order of files and diagnostics.
import { parentPort } from 'node:worker_threads';
import * as yaml from 'yaml';
import { parseText } from './parse-text.js';
import { decodeUtf8 } from './read-file.js';
import type { ParseReply, ParseRequest } from './parse-pool.js';

const port = parentPort!;
port.on('message', ({ id, bytes }: ParseRequest) => {
  let reply: ParseReply;
  const transfer: ArrayBuffer[] = [];
  try {
    const { problems, parsed } = parseText(decodeUtf8(bytes), yaml);
    if (!parsed) reply = { id, problems };
    else if (!parsed.jsonSafe) reply = { id, here: true };
    else {
      // JSON is the cheapest way across for the data; the position tables move without a copy.
      const { keys, nodes, children, lineStarts } = parsed.positions.toArrays();
      reply = { id, problems, parsed: { data: JSON.stringify(parsed.data), keys: JSON.stringify(keys), nodes, children, lineStarts } };
      transfer.push(nodes.buffer as ArrayBuffer, children.buffer as ArrayBuffer, lineStarts.buffer as ArrayBuffer);
    }
  } catch {
    reply = { id, here: true };
  }
  port.postMessage(reply, transfer);
});
