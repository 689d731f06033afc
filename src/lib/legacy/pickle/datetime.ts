/** Naive datetimes from their pickled forms, without Date (years 1–99 and beyond 9999 stay exact). */
import type { LegacyDateTime } from './types';
import type { PickleContext } from './py';

const NS_PER_DAY = 86_400_000_000_000n;
const NS_PER_UNIT: Record<string, bigint> = {
	D: NS_PER_DAY,
	h: 3_600_000_000_000n,
	m: 60_000_000_000n,
	s: 1_000_000_000n,
	ms: 1_000_000n,
	us: 1_000n,
	ns: 1n
};
/** pandas' NPY_DATETIMEUNIT codes, as _unpickle_timestamp's `reso`. */
const RESO_UNITS: Record<number, string> = { 4: 'D', 5: 'h', 6: 'm', 7: 's', 8: 'ms', 9: 'us', 10: 'ns' };

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
	const yy = m <= 2 ? y - 1 : y;
	const era = Math.floor(yy / 400);
	const yoe = yy - era * 400;
	const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
	const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
	return era * 146_097 + doe - 719_468;
}

function civilFromDays(z: number): [number, number, number] {
	const zz = z + 719_468;
	const era = Math.floor(zz / 146_097);
	const doe = zz - era * 146_097;
	const yoe = Math.floor(
		(doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365
	);
	const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
	const mp = Math.floor((5 * doy + 2) / 153);
	const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
	const m = mp + (mp < 10 ? 3 : -9);
	return [era * 400 + yoe + (m <= 2 ? 1 : 0), m, d];
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function isoDate(y: number, m: number, d: number): string {
	const year = y < 0 ? `-${pad(-y, 4)}` : pad(y, 4);
	return `${year}-${pad(m)}-${pad(d)}`;
}

/** A datetime from days since the epoch and nanoseconds into the day. */
function fromDayAndNs(days: number, nsOfDay: number, pyType: string): LegacyDateTime {
	const [y, m, d] = civilFromDays(days);
	const secOfDay = Math.floor(nsOfDay / 1e9);
	const frac = nsOfDay - secOfDay * 1e9;
	const time = `${pad(Math.floor(secOfDay / 3600))}:${pad(Math.floor(secOfDay / 60) % 60)}:${pad(secOfDay % 60)}`;
	const fraction = frac === 0 ? '' : frac % 1000 === 0 ? `.${pad(frac / 1000, 6)}` : `.${pad(frac, 9)}`;
	const ms = days * 86_400_000 + Math.floor(nsOfDay / 1e6);
	return Object.freeze({ kind: 'datetime', iso: `${isoDate(y, m, d)}T${time}${fraction}`, ms, pyType });
}

/** A count of `unit` since the epoch (numpy datetime64, pandas Timestamp). */
export function fromEpoch(value: bigint, unit: string, pyType: string, ctx: PickleContext): LegacyDateTime {
	const perUnit = NS_PER_UNIT[unit];
	if (perUnit === undefined) ctx.refuse(`datetime64[${unit}]`);
	const ns = value * perUnit;
	let days = ns / NS_PER_DAY;
	let rest = ns % NS_PER_DAY;
	if (rest < 0n) {
		rest += NS_PER_DAY;
		days -= 1n;
	}
	if (days > 100_000_000n || days < -100_000_000n) ctx.fail('date hors limites');
	return fromDayAndNs(Number(days), Number(rest), pyType);
}

export function unitOfReso(reso: number, ctx: PickleContext): string {
	const unit = RESO_UNITS[reso];
	if (unit === undefined) ctx.fail(`résolution de Timestamp inconnue (${reso})`);
	return unit;
}

/** datetime.datetime's state: 10 bytes (year big-endian, month with the fold bit, day, h, m, s, µs big-endian). */
export function fromDateTimeState(b: Uint8Array, ctx: PickleContext): LegacyDateTime {
	if (b.length !== 10) ctx.fail('état de datetime.datetime inattendu');
	const y = b[0] * 256 + b[1];
	const mo = b[2] & 0x7f;
	const [d, h, mi, s] = [b[3], b[4], b[5], b[6]];
	const us = b[7] * 65_536 + b[8] * 256 + b[9];
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59 || us > 999_999)
		ctx.fail('datetime.datetime invalide');
	return fromDayAndNs(
		daysFromCivil(y, mo, d),
		((h * 60 + mi) * 60 + s) * 1e9 + us * 1000,
		'datetime.datetime'
	);
}

/** datetime.date's state: 4 bytes (year big-endian, month, day). */
export function fromDateState(b: Uint8Array, ctx: PickleContext): LegacyDateTime {
	if (b.length !== 4) ctx.fail('état de datetime.date inattendu');
	const [y, m, d] = [b[0] * 256 + b[1], b[2], b[3]];
	if (m < 1 || m > 12 || d < 1 || d > 31) ctx.fail('datetime.date invalide');
	const days = daysFromCivil(y, m, d);
	return Object.freeze({
		kind: 'date',
		iso: isoDate(y, m, d),
		ms: days * 86_400_000,
		pyType: 'datetime.date'
	});
}
