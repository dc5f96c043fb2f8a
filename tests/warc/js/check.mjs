// An independent reader for winnow's WARC tests: warcio reads every record of a .warc/.warc.gz, this recomputes the
// block and payload digests, and prints JSON (type, url, date, digests, whether each claim matched) on stdout.
// usage: node check.mjs FILE.warc.gz     exit 1 when a claimed digest does not match
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { WARCParser } from "warcio";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function sha1Base32(bytes) {
  const digest = createHash("sha1").update(bytes).digest();
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of digest) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return "sha1:" + out;
}

// The payload of an application/http block: what follows the head's blank line.
function httpPayload(block) {
  for (let i = 0; i + 3 < block.length; i++) {
    if (block[i] === 13 && block[i + 1] === 10 && block[i + 2] === 13 && block[i + 3] === 10) return block.subarray(i + 4);
  }
  return null;
}

const records = [];
let bad = 0;
// parseHttp false: warcio hands over the whole block, so the block digest covers exactly its bytes.
const parser = new WARCParser(createReadStream(process.argv[2]), { parseHttp: false });
for await (const record of parser) {
  const block = Buffer.from(await record.readFully(false));
  const contentType = record.warcHeader("Content-Type") || "";
  const http = contentType.startsWith("application/http");
  const payload = http ? httpPayload(block) : block;
  const entry = {
    type: record.warcType,
    url: record.warcTargetURI || "",
    date: record.warcDate || "",
    block_digest: sha1Base32(block),
    payload_digest: payload === null ? "" : sha1Base32(payload),
  };
  const claimedBlock = record.warcHeader("WARC-Block-Digest");
  const claimedPayload = record.warcHeader("WARC-Payload-Digest");
  entry.block_ok = !claimedBlock || claimedBlock === entry.block_digest;
  // A revisit's claim names the payload it refers to, which its own block does not hold.
  entry.payload_ok = !claimedPayload || record.warcType === "revisit" || claimedPayload === entry.payload_digest;
  if (!entry.block_ok || !entry.payload_ok) bad++;
  records.push(entry);
}
process.stdout.write(JSON.stringify({ records, bad }) + "\n");
process.exit(bad ? 1 : 0);
