// Names from requests are checked as own properties: "constructor" or
// "__proto__" are in every object, and must not reach HDFS.

import { expect } from 'chai';
import { createApp } from '../app';
import { parseJson, type ApiErrorBody } from '../../test/helpers/api-bodies';
import { fakeServingDeps } from '../../test/helpers/fake-serving-deps';
import { listen } from '../../test/helpers/raw-http';

describe('report files', () => {
  it('refuses inherited property names as file names before any HDFS read', async () => {
    const world = fakeServingDeps();
    const server = await listen(createApp(world.deps));
    try {
      for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
        const res = await server.request({ path: `/api/v1/reports/2026-11-20/${name}` });
        expect(res.status, name).to.equal(400);
        expect(parseJson<ApiErrorBody>(res.body).error.parameter, name).to.equal('file');
      }
      expect(world.reports.asked).to.deep.equal([]);
      expect((await server.request({ path: '/api/v1/reports/2026-11-20/report.json' })).status).to.equal(404);
      expect(world.reports.asked).to.deep.equal(['2026-11-20/report.json']);
    } finally {
      await server.close();
    }
  });
});
