const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz'

/**
 * `n.toString(36)` for an integer 0 ≤ n < 2^53, padded with zeros to at least `width` digits.
 * V8 converts numbers to a radix in its runtime, several times slower than this loop; the
 * division is exact here because a quotient's fraction is at least 1/36 away from the next
 * integer, more than the rounding error of any double below 2^53 / 36.
 */
export function base36(n: number, width = 1): string {
  let digits = ''
  let rest = n
  do {
    const quotient = Math.floor(rest / 36)
    digits = (DIGITS[rest - quotient * 36] as string) + digits
    rest = quotient
  } while (rest > 0)
  return digits.length < width ? digits.padStart(width, '0') : digits
}
