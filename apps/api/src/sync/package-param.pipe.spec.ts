import { PACKAGE_NAMES, ValidationFailed } from '@koppelhub/domain';
import { packageParam } from './package-param.pipe';

describe('a package name in a path', () => {
  it.each(PACKAGE_NAMES)('given %s, then it is taken as it is', (name) => {
    expect(packageParam.transform(name, { type: 'param', data: 'package' })).toBe(name);
  });

  it.each(['bogus', 'PinkWeb', ''])('given "%s", then it is refused naming the parameter and the valid names, not the value', (name) => {
    let refused: unknown;
    try {
      packageParam.transform(name, { type: 'param', data: 'package' });
    } catch (error) {
      refused = error;
    }

    expect(refused).toBeInstanceOf(ValidationFailed);
    expect((refused as ValidationFailed).violations).toEqual([
      { field: 'package', message: 'package must be one of pinkweb, casewarecloud, nextens, qicsmilestones, twinfield' },
    ]);
  });
});
