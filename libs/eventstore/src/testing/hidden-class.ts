import { setFlagsFromString } from 'node:v8';

/**
 * Whether the objects share one hidden class (V8's map), asked of V8 itself. Natives syntax is
 * allowed only while the check is compiled.
 */
export function shareOneHiddenClass(objects: readonly object[]): boolean {
  setFlagsFromString('--allow-natives-syntax');
  let sameMap: (a: object, b: object) => boolean;
  try {
    sameMap = new Function('a', 'b', 'return %HaveSameMap(a, b)') as typeof sameMap;
  } finally {
    setFlagsFromString('--no-allow-natives-syntax');
  }
  return objects.every((object) => sameMap(objects[0], object));
}
