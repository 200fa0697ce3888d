import { expect } from 'chai';
import { dayJobStatements } from './day-job';
import { sparkGlob } from './dialect';
import { sparkOnLoopback, sparkSqlArgs } from './spark-engine';

describe('SQL dialects', () => {
  it('globs several files under their common folder for Spark', () => {
    expect(sparkGlob(['hdfs://h:1/r/landing/partition=0/a.parquet'])).to.equal('hdfs://h:1/r/landing/partition=0/a.parquet');
    expect(sparkGlob(['hdfs://h:1/r/landing/partition=0/a.parquet', 'hdfs://h:1/r/landing/partition=1/b+1.parquet'])).to.equal(
      'hdfs://h:1/r/landing/{partition=0/a.parquet,partition=1/b+1.parquet}',
    );
    expect(sparkGlob(['file:///t/x/a,b.parquet', 'file:///t/x/c.parquet'])).to.equal('file:///t/x/{a\\,b.parquet,c.parquet}');
    expect(() => sparkGlob([])).to.throw(/at least one/);
  });

  it('renders the same job for both engines except the dialect statements', () => {
    const job = {
      landing: { files: ['/s/l/a.parquet'] },
      previous: { files: ["/s/p/it's.parquet"] },
      reference: { files: ['/s/r.parquet'] },
      startMs: 1_767_225_600_000,
      endMs: 1_767_312_000_000,
      topX: 10,
      out: { warehouse: '/o/w', topItems: '/o/t', totals: '/o/s' },
    };
    const duck = dayJobStatements('duckdb', job);
    const spark = dayJobStatements('spark', job);
    expect(duck.some((s) => s.includes("read_parquet(['/s/p/it''s.parquet'])"))).to.equal(true);
    expect(spark.some((s) => s.includes("USING parquet OPTIONS (path '/s/p/it\\'s.parquet')"))).to.equal(true);
    expect(duck.filter((s) => s.startsWith('COPY'))).to.have.length(3);
    expect(spark.filter((s) => s.startsWith('INSERT OVERWRITE DIRECTORY'))).to.have.length(3);
    // The body of the job (after its dialect prefix) is the same text.
    const body = (s: string): string =>
      s
        .replace(/^(CREATE TEMP TABLE \w+ AS|CACHE TABLE \w+ AS)/, '')
        .replace(/^COPY \(([\s\S]*)\) TO .*$/, '$1')
        .replace(/^INSERT OVERWRITE DIRECTORY .*?\) (?=\s*\n)/, '')
        .trim();
    expect(duck.slice(-5).map(body)).to.deep.equal(spark.slice(-5).map(body));
    expect(() => dayJobStatements('spark', { ...job, topX: 1.5 })).to.throw(/not an integer/);
  });

  it('passes the master and settings through, the defaults first so BATCH_SPARK_CONF wins', () => {
    const args = sparkSqlArgs('yarn', [['spark.sql.shuffle.partitions', '400']], '/w/job.sql');
    expect(args.slice(0, 2)).to.deep.equal(['--master', 'yarn']);
    expect(args.slice(-2)).to.deep.equal(['-f', '/w/job.sql']);
    const conf = args.filter((_, i) => args[i - 1] === '--conf');
    expect(conf).to.include('spark.ui.enabled=false').and.include('spark.sql.catalogImplementation=in-memory');
    expect(conf.lastIndexOf('spark.sql.shuffle.partitions=400')).to.be.greaterThan(conf.indexOf('spark.sql.shuffle.partitions=8'));
  });

  it('binds Spark to loopback only for local and loopback masters', () => {
    expect(sparkOnLoopback('local[*]')).to.equal(true);
    expect(sparkOnLoopback('spark://127.0.0.1:17077')).to.equal(true);
    expect(sparkOnLoopback('spark://localhost:7077')).to.equal(true);
    expect(sparkOnLoopback('spark://10.1.2.3:7077')).to.equal(false);
    expect(sparkOnLoopback('yarn')).to.equal(false);
    expect(sparkOnLoopback('k8s://https://api:6443')).to.equal(false);
  });
});
