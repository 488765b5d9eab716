/**
 * Exact decimal arithmetic for the number rules form-js runs with big.js (min, max,
 * decimalDigits, increment). A decimal is `units / 10^scale`.
 */
export interface Decimal {
  units: bigint;
  scale: number;
}

/** Strings big.js accepts: optional minus, digits with optional fraction, optional exponent. */
const DECIMAL_PATTERN = /^(-?)(\d+)?(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/** Parses a number or numeric string like `Big(value)`; null where big.js would throw. */
export function toDecimal(value: unknown): Decimal | null {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      return null;
    }
    text = String(value);
  } else if (typeof value === 'string') {
    text = value;
  } else {
    return null;
  }
  const match = DECIMAL_PATTERN.exec(text);
  if (!match || (match[2] === undefined && (match[3] === undefined || match[3] === ''))) {
    return null;
  }
  const [, sign, whole = '', fraction = '', exponent = '0'] = match;
  let units = BigInt(`${whole}${fraction}` || '0');
  let scale = fraction.length - Number(exponent);
  if (scale < 0) {
    units *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return normalize({ units: sign === '-' ? -units : units, scale });
}

function normalize(decimal: Decimal): Decimal {
  let { units, scale } = decimal;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale -= 1;
  }
  return { units, scale };
}

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.units * 10n ** BigInt(scale - a.scale), b.units * 10n ** BigInt(scale - b.scale), scale];
}

export function compareDecimals(a: Decimal, b: Decimal): number {
  const [x, y] = align(a, b);
  return x === y ? 0 : x < y ? -1 : 1;
}

/** Digits after the point once trailing zeros are dropped (form-js `countDecimals`). */
export function decimalPlaces(decimal: Decimal): number {
  return decimal.scale;
}

/** Remainder with the sign of the dividend, like big.js `mod`. */
export function modDecimals(a: Decimal, b: Decimal): Decimal {
  const [x, y, scale] = align(a, b);
  return normalize({ units: x % y, scale });
}

export function subtractDecimals(a: Decimal, b: Decimal): Decimal {
  const [x, y, scale] = align(a, b);
  return normalize({ units: x - y, scale });
}

export function addDecimals(a: Decimal, b: Decimal): Decimal {
  const [x, y, scale] = align(a, b);
  return normalize({ units: x + y, scale });
}

export function isZero(decimal: Decimal): boolean {
  return decimal.units === 0n;
}

/** Plain notation, as big.js prints values of ordinary magnitude. */
export function formatDecimal(decimal: Decimal): string {
  const negative = decimal.units < 0n;
  const digits = (negative ? -decimal.units : decimal.units).toString().padStart(decimal.scale + 1, '0');
  const whole = digits.slice(0, digits.length - decimal.scale);
  const fraction = digits.slice(digits.length - decimal.scale);
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}
