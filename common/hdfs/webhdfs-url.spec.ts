import { expect } from 'chai';
import { operationUrl, webhdfsEndpoint } from './webhdfs-url';

describe('webhdfs-url', () => {
  it('adds the REST prefix once', () => {
    expect(webhdfsEndpoint(new URL('http://127.0.0.1:9870')).href).to.equal('http://127.0.0.1:9870/webhdfs/v1');
    expect(webhdfsEndpoint(new URL('http://gw:8443/gateway/default/webhdfs/v1/')).href).to.equal(
      'http://gw:8443/gateway/default/webhdfs/v1',
    );
  });

  it('builds an operation URL with user.name and encoded path and parameters', () => {
    const url = operationUrl(new URL('http://nn:9870/webhdfs/v1'), 'utopia', '/a b/x', 'RENAME', {
      destination: '/a b/y',
      renameoptions: 'OVERWRITE',
    });
    expect(url.pathname).to.equal('/webhdfs/v1/a%20b/x');
    expect(url.searchParams.get('op')).to.equal('RENAME');
    expect(url.searchParams.get('user.name')).to.equal('utopia');
    expect(url.searchParams.get('destination')).to.equal('/a b/y');
    expect(url.searchParams.get('renameoptions')).to.equal('OVERWRITE');
  });
});
