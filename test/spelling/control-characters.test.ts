import {
  controlCharacterReason,
  describeCharacter,
  findControlCharacter,
  isControlCharacter,
} from '../../src/spelling/control-characters';

describe('isControlCharacter', () => {
  it('covers C0, DEL, C1 and the Unicode line and paragraph separators, and nothing printable', () => {
    const controls: number[] = [];
    for (let code = 0; code <= 0x3000; code += 1) if (isControlCharacter(code)) controls.push(code);
    const expected = [
      ...Array.from({ length: 0x20 }, (_, i) => i),
      ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i),
      0x2028,
      0x2029,
    ];
    expect(controls).toEqual(expected);
  });
});

describe('findControlCharacter', () => {
  it('finds the first one and where it is', () => {
    expect(findControlCharacter('ab\u001bc\u0000')).toEqual({ code: 0x1b, index: 2 });
    expect(findControlCharacter('plain text ✓')).toBeUndefined();
  });
});

describe('describeCharacter and controlCharacterReason', () => {
  it('name the character without printing it, counting positions from 1', () => {
    expect(describeCharacter(0)).toBe('U+0000 (NUL)');
    expect(describeCharacter(0x9b)).toBe('U+009B');
    expect(controlCharacterReason('a\u2028')).toBe(
      'must not contain control characters such as NUL, ESC, tabs or line breaks (found U+2028 (line separator) at position 2)',
    );
    expect(controlCharacterReason('fine')).toBeUndefined();
  });
});
