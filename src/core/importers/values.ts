// Small value readers shared by the importers (files written by Python tools).

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/** A finite number, or a string holding one ("0.3381"); else undefined. */
export function finite(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/**
 * "2024-11-27T11-17-20.652776" (lm-eval's file-name stamp) or "2024-04-09 12:15:59.735231" → ISO 8601.
 * The stamps carry no zone; UTC is assumed.
 */
export function isoFromStamp(stamp: string): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2})[-:](\d{2})[-:](\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.exec(stamp.trim());
  if (!m) return undefined;
  const iso = `${m[1]}T${m[2]}:${m[3]}:${m[4]}${m[5] ?? ''}${m[6] ?? 'Z'}`;
  return Number.isNaN(Date.parse(iso)) ? undefined : iso;
}
