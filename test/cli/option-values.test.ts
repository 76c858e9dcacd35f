// Reading option values from the command line's text: the accepted forms,
// and refusals worded as the library's argument errors are (RangeError: exit 2).
import { describe, expect, it } from 'vitest';
import { readChoice, readInteger, readNameList, readNumber } from '../../lib/cli/option-values';
import { readDelimiter } from '../../lib/cli/shared-options';

describe('option values', () => {
  it('integers: decimal digits within the range', () => {
    expect(readInteger('16', '--hidden', 1, 100)).toBe(16);
    expect(readInteger(' 7 ', '--hidden', 1, 100)).toBe(7);
    for (const text of ['ten', '1.5', '1e3', '', '0', '101', '0x10']) {
      expect(() => readInteger(text, '--hidden', 1, 100)).toThrow(RangeError);
    }
    expect(() => readInteger('ten', '--epochs', 1, 1000)).toThrow('--epochs must be an integer from 1 to 1000, got "ten"');
  });

  it('numbers: decimals and exponents within the range, no NaN or Infinity', () => {
    expect(readNumber('1e-3', '--learning-rate', { above: 0 }, 'a number > 0')).toBe(0.001);
    expect(readNumber('0', '--l2', { from: 0 }, 'a number >= 0')).toBe(0);
    for (const text of ['0', '-1', 'NaN', 'Infinity', '', 'fast']) {
      expect(() => readNumber(text, '--learning-rate', { above: 0 }, 'a number > 0')).toThrow('--learning-rate must be a number > 0');
    }
    expect(() => readNumber('1', '--validation', { from: 0, below: 1 }, 'a share below 1')).toThrow(RangeError);
  });

  it('choices, name lists and delimiters', () => {
    expect(readChoice('adam', '--optimizer', ['gd', 'momentum', 'adam'])).toBe('adam');
    expect(() => readChoice('sgd', '--optimizer', ['gd', 'momentum', 'adam'])).toThrow('--optimizer must be one of gd, momentum, adam, got "sgd"');
    expect(readNameList('a, b,c', '--features')).toEqual(['a', 'b', 'c']);
    expect(() => readNameList('a,,b', '--features')).toThrow(RangeError);
    expect(readDelimiter(undefined)).toBe(',');
    expect(readDelimiter('tab')).toBe('\t');
    expect(readDelimiter(';')).toBe(';');
    expect(() => readDelimiter('"')).toThrow(RangeError);
    expect(() => readDelimiter(';;')).toThrow(RangeError);
  });
});
