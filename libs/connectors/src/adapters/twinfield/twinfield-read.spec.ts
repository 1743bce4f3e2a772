import { buildReadDimensionXml, readDimensionRead } from './twinfield-read';

describe('a read of one Twinfield customer', () => {
  it('asks for the office, the DEB type and the code, escaped', () => {
    expect(buildReadDimensionXml('NLA001', 'A&B')).toBe(
      '<read><type>dimensions</type><office>NLA001</office><dimtype>DEB</dimtype><code>A&amp;B</code></read>',
    );
  });

  it('given a hidden customer, then it is found, hidden, with its name and short name', () => {
    const answer = '<dimension result="1" status="hide"><code>20050</code><name>Bakker &amp; Zn B.V.</name><shortname>BAKKER</shortname></dimension>';

    expect(readDimensionRead(answer)).toEqual({ found: true, status: 'hide', name: 'Bakker & Zn B.V.', shortname: 'BAKKER' });
  });

  it('given no customer under the code, then none is found', () => {
    const answer = '<dimension result="0"><code msgtype="error" msg="Object bestaat niet." result="0">20050</code></dimension>';

    expect(readDimensionRead(answer)).toEqual({ found: false });
  });

  it('given another refusal, then its messages come back, not a missing customer', () => {
    const answer = '<dimension result="0"><office msgtype="error" msg="Administratie NLA009 hoort niet bij deze sessie." result="0">NLA009</office></dimension>';

    expect(readDimensionRead(answer)).toEqual({ refused: ['Administratie NLA009 hoort niet bij deze sessie.'] });
  });

  it('given an answer that is no XML of a customer, then it is a transient failure', () => {
    expect(() => readDimensionRead('<unexpected/>')).toThrow('Twinfield answered a read without a dimension');
  });
});
