import { typeInWords } from '../../src/codegen/type-words';
import {
  ctyBool,
  ctyDynamic,
  ctyList,
  ctyMap,
  ctyNumber,
  ctyObject,
  ctySet,
  ctyString,
  ctyTuple,
} from '../../src/provider/protocol/values';

describe('types as users write them', () => {
  it.each([
    [ctyString, 'string'],
    [ctyNumber, 'number'],
    [ctyBool, 'bool'],
    [ctyDynamic, 'any'],
    [ctySet(ctyString), 'set of string'],
    [ctyList(ctyNumber), 'list of number'],
    [ctyMap(ctyString), 'map of string'],
    [ctyList(ctySet(ctyString)), 'list of set of string'],
    [ctyObject({ port: ctyNumber, name: ctyString }), 'object({ name = string, port = number })'],
    [
      ctySet(ctyObject({ cidr: ctyString, note: ctyString }, ['note'])),
      'set of object({ cidr = string, note = optional(string) })',
    ],
    [ctyTuple([ctyString, ctyBool]), 'tuple([string, bool])'],
  ])('%j reads as %s', (type, words) => {
    expect(typeInWords(type)).toBe(words);
  });
});
