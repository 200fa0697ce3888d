import { expect } from 'chai';
import { logFormatFrom } from './config';
import { createLogger } from './log';

describe('logger', () => {
  it('writes text lines with time, level and scope, and drops lines below its level', () => {
    const lines: string[] = [];
    const log = createLogger('speed', 'info', (line) => lines.push(line), 'text');
    log.debug('hidden');
    log.info('started');
    log.child('kafka').warn('slow');
    expect(lines).to.have.length(2);
    expect(lines[0]).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z INFO {2}\[speed\] started$/);
    expect(lines[1]).to.match(/ WARN {2}\[speed:kafka\] slow$/);
  });

  it('writes JSON lines with level, time, layer and message (scope for a child), one object per line', () => {
    const lines: string[] = [];
    const log = createLogger('landing', 'debug', (line) => lines.push(line), 'json');
    log.debug('a "quoted"\nmessage');
    log.child('hdfs').error('down');
    expect(lines).to.have.length(2);
    expect(lines.every((line) => !line.includes('\n'))).to.equal(true);
    const [first, second] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(first).to.include({ level: 'debug', layer: 'landing', message: 'a "quoted"\nmessage' });
    expect(first).to.not.have.property('scope');
    expect(new Date(String(first?.time)).toISOString()).to.equal(first?.time);
    expect(second).to.include({ level: 'error', layer: 'landing', scope: 'landing:hdfs', message: 'down' });
  });

  it('filters JSON lines by level too', () => {
    const lines: string[] = [];
    const log = createLogger('batch', 'warn', (line) => lines.push(line), 'json');
    log.info('no');
    log.warn('yes');
    expect(lines.map((line) => (JSON.parse(line) as { message: string }).message)).to.deep.equal(['yes']);
  });

  it('takes its default format from UTOPIA_LOG_FORMAT (text when unset or not understood)', () => {
    expect(logFormatFrom({ UTOPIA_LOG_FORMAT: 'json' })).to.equal('json');
    expect(logFormatFrom({ UTOPIA_LOG_FORMAT: 'JSON ' })).to.equal('json');
    expect(logFormatFrom({})).to.equal('text');
    expect(logFormatFrom({ UTOPIA_LOG_FORMAT: 'xml' })).to.equal('text');
  });
});
