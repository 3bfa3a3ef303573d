/**
 * Keeps the parts of a Yjs update written under some client ids: their structs and the delete
 * ranges of their ids. The view a participant gets (publicView.ts) is the server's view
 * document plus their own `place:` root, which only their own client ids write: this cuts that
 * root out of the board, and cuts the view's ids out of what the participant sends back. Pure.
 */
import { writeVarUint } from 'lib0/encoding';
import * as Y from 'yjs';

/** The update (v1) with only the structs and delete ranges of the client ids `keep` accepts. */
export function keepClients(update: Uint8Array, keep: (client: number) => boolean): Uint8Array {
  const { structs, ds } = Y.decodeUpdate(update);
  const groups = new Map<number, (Y.Item | Y.GC | Y.Skip)[]>();
  for (const struct of structs) {
    const client = struct.id.client;
    if (!keep(client)) continue;
    const group = groups.get(client);
    if (group) group.push(struct);
    else groups.set(client, [struct]);
  }
  const encoder = new Y.UpdateEncoderV1();
  writeVarUint(encoder.restEncoder, groups.size);
  for (const [client, group] of groups) {
    const first = group[0];
    if (!first) continue;
    writeVarUint(encoder.restEncoder, group.length);
    encoder.writeClient(client);
    writeVarUint(encoder.restEncoder, first.id.clock);
    for (const struct of group) struct.write(encoder, 0);
  }
  const deletes = [...ds.clients].filter(([client]) => keep(client)).sort((a, b) => b[0] - a[0]);
  writeVarUint(encoder.restEncoder, deletes.length);
  for (const [client, ranges] of deletes) {
    encoder.resetDsCurVal();
    writeVarUint(encoder.restEncoder, client);
    writeVarUint(encoder.restEncoder, ranges.length);
    for (const { clock, len } of ranges) {
      encoder.writeDsClock(clock);
      encoder.writeDsLen(len);
    }
  }
  return encoder.toUint8Array();
}
