import { expect } from 'chai';
import { RenderedBodies } from './rendered-bodies';

describe('rendered answer bodies', () => {
  it('renders a cached answer once per tag, again for a new answer or a new tag', () => {
    const bodies = new RenderedBodies();
    let renders = 0;
    const render = () => `text ${++renders}`;
    const answer = {};
    expect([bodies.text(answer, 'json|a', render), bodies.text(answer, 'json|a', render)]).to.deep.equal(['text 1', 'text 1']);
    expect(bodies.text(answer, 'csv|a', render)).to.equal('text 2');
    expect(bodies.text({}, 'csv|a', render)).to.equal('text 3');
    expect(renders).to.equal(3);
  });
});
