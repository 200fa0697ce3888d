import { expect } from 'chai';
import type { IngestError } from './ingest-error';
import { formatOf, parseBody } from './parse-body';

describe('parseBody', () => {
  it('reads a JSON array, one object, and NDJSON with a broken line', async () => {
    expect((await parseBody('[{"a":1},{"b":2}]', 'json', 10)).map((r) => r.raw)).to.deep.equal(['{"a":1}', '{"b":2}']);
    expect((await parseBody(' [ {"a":"x,]}\\"y"} , [1,{"b":[2]}] ] ', 'json', 10)).map((r) => r.raw)).to.deep.equal([
      '{"a":"x,]}\\"y"}',
      '[1,{"b":[2]}]',
    ]);
    expect(await parseBody('{"a":1}', 'json', 10)).to.have.length(1);
    const lines = await parseBody('{"a":1}\r\n\nnot json\n{"detection_oid":9223372036854775807}\n', 'ndjson', 10);
    expect(lines.map((r) => r.parseError === undefined)).to.deep.equal([true, false, true]);
    expect((lines[2]?.value as Record<string, unknown>).detection_oid).to.equal('9223372036854775807');
  });

  it('refuses malformed JSON, empty bodies and too many records with a status', async () => {
    const status = async (fn: () => Promise<unknown>) => {
      try {
        await fn();
      } catch (e) {
        return (e as IngestError).status;
      }
      return 0;
    };
    for (const bad of ['[{"a":', '[]', '[1,]', '[1] x', '[1,,2]', '{"a":1} {'])
      expect(await status(() => parseBody(bad, 'json', 10)), bad).to.equal(400);
    expect(await status(() => parseBody('[1,2,3]', 'json', 2))).to.equal(413);
    expect(await status(() => parseBody('1\n2\n3\n', 'ndjson', 2))).to.equal(413);
  });

  it('knows the content types', () => {
    expect(formatOf('application/json; charset=utf-8')).to.equal('json');
    expect(formatOf('application/x-ndjson')).to.equal('ndjson');
    expect(formatOf('text/plain')).to.equal(undefined);
  });
});
