// Reads the dates people write ("01/01/00", "1.2.2024", "May 1, 2024", "20240501") as ISO 8601
// (YYYY-MM-DD) for the quick fix. Rules, stated once:
// - slashes or dashes with the year last are month/day (US order, as the users' files are written),
//   unless the first number cannot be a month (> 12), then day/month;
// - dots with the year last are day.month (European order);
// - two-digit years follow POSIX strptime %y: 69-99 → 1969-1999, 00-68 → 2000-2068;
// - an impossible date (2023-02-30) gives no conversion.

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

export function expandYear(y: string): number {
  const n = Number(y);
  if (y.length > 2) return n;
  return n >= 69 ? 1900 + n : 2000 + n;
}

function iso(year: number, month: number, day: number): string | undefined {
  if (!(month >= 1 && month <= 12 && day >= 1 && year >= 1 && year <= 9999)) return undefined;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function monthOf(word: string): number | undefined {
  // A month's name or its abbreviation (at least three letters; "Sept" too).
  const w = word.toLowerCase();
  const i = MONTHS.findIndex((m) => m.startsWith(w));
  return w.length >= 3 && i >= 0 ? i + 1 : undefined;
}

/** The ISO 8601 date a non-ISO date string means, or undefined when it is not a date we can read. */
export function toIsoDate(input: string): string | undefined {
  const s = input.trim();
  let m: RegExpExecArray | null;
  // Already ISO with a time part: keep the date.
  if ((m = /^(\d{4})-(\d{2})-(\d{2})[T ]/.exec(s))) return iso(+m[1], +m[2], +m[3]);
  // Year first: 2024/5/1, 2024.05.01, 2024-5-1.
  if ((m = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$/.exec(s))) return iso(+m[1], +m[2], +m[3]);
  // Compact: 20240501.
  if ((m = /^(\d{4})(\d{2})(\d{2})$/.exec(s))) return iso(+m[1], +m[2], +m[3]);
  // Day.month.year (European).
  if ((m = /^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$/.exec(s))) return iso(expandYear(m[3]), +m[2], +m[1]);
  // Month/day/year (US), or day/month/year when the first number cannot be a month.
  if ((m = /^(\d{1,2})([/-])(\d{1,2})\2(\d{2}|\d{4})$/.exec(s))) {
    const a = +m[1];
    const b = +m[3];
    const year = expandYear(m[4]);
    return a > 12 ? iso(year, b, a) : iso(year, a, b);
  }
  // May 1, 2024 / May 1 2024 / 1 May 2024 / 1-May-2024.
  if ((m = /^([A-Za-z]{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{2}|\d{4})$/.exec(s))) {
    const month = monthOf(m[1]);
    return month ? iso(expandYear(m[3]), month, +m[2]) : undefined;
  }
  if ((m = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]{3,})\.?,?[\s-]+(\d{2}|\d{4})$/.exec(s))) {
    const month = monthOf(m[2]);
    return month ? iso(expandYear(m[3]), month, +m[1]) : undefined;
  }
  return undefined;
}
