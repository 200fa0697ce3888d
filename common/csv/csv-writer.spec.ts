import { expect } from 'chai';
import { csvField, csvLine, toCsv } from './csv-writer';

describe('csv writer', () => {
  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvLine(['x,y', 'say "hi"', 'two\nlines', 'plain'])).to.equal('"x,y","say ""hi""","two\nlines",plain');
  });

  it('neutralises every formula start in text: = + - @ tab CR', () => {
    expect(csvField('=HYPERLINK("http://x","y")')).to.equal('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvField('+1+1')).to.equal("'+1+1");
    expect(csvField('-2+3')).to.equal("'-2+3");
    expect(csvField('@SUM(A1)')).to.equal("'@SUM(A1)");
    expect(csvField('\t=1')).to.equal("'\t=1");
    expect(csvField('\r=1')).to.equal('"\'\r=1"');
  });

  it('leaves numbers, bigints and harmless text alone', () => {
    expect(csvLine([-5, 9007199254740993n, true, null, undefined, 'car', 'a=b'])).to.equal('-5,9007199254740993,true,,,car,a=b');
  });

  it('writes a header and rows with CRLF by default, LF on request', () => {
    expect(toCsv(['a', 'b'], [[1, '=x']])).to.equal("a,b\r\n1,'=x\r\n");
    expect(toCsv(['a'], [['x']], { lineEnd: '\n' })).to.equal('a\nx\n');
  });
});
