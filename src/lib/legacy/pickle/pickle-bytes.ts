/**
 * The pickle machine's input: little-endian reads that never go past the given bytes (a read beyond
 * them is 'pickle-truncated', with the offset and how much was missing). Methods are bound, so the
 * machine can take them apart.
 */
import { PilotError } from '$lib/i18n/errors';
import type { PickleContext } from './py';

/** Longest module or class name a text GLOBAL may carry. */
const MAX_NAME = 256;

const utf8 = new TextDecoder('utf-8');

export class PickleBytes {
	pos = 0;
	private readonly view: DataView;

	constructor(
		private readonly bytes: Uint8Array,
		private readonly ctx: PickleContext
	) {
		this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	}

	get atEnd(): boolean {
		return this.pos === this.bytes.length;
	}

	need = (n: number): void => {
		const left = this.bytes.length - this.pos;
		if (n > left)
			throw new PilotError('pickle-truncated', {
				file: this.ctx.file,
				offset: this.bytes.length,
				needed: n - left
			});
	};

	private fixed = <T>(size: number, read: (at: number) => T): T => {
		this.need(size);
		this.pos += size;
		return read(this.pos - size);
	};

	u8 = (): number => {
		this.need(1);
		return this.bytes[this.pos++];
	};
	u16 = () => this.fixed(2, (at) => this.view.getUint16(at, true));
	u32 = () => this.fixed(4, (at) => this.view.getUint32(at, true));
	i32 = () => this.fixed(4, (at) => this.view.getInt32(at, true));
	/** A uint64 length; beyond 2^53 it cannot fit in the input anyway, so `need` refuses it. */
	u64 = () =>
		this.fixed(8, (at) => this.view.getUint32(at, true) + this.view.getUint32(at + 4, true) * 2 ** 32);
	/** BINFLOAT: big-endian, as pickle writes it. */
	f64 = () => this.fixed(8, (at) => this.view.getFloat64(at, false));

	take = (n: number): Uint8Array => {
		this.need(n);
		this.pos += n;
		return this.bytes.subarray(this.pos - n, this.pos);
	};

	/** A text GLOBAL's module or name, up to its newline. */
	line = (): string => {
		const { bytes, pos } = this;
		const end = bytes.indexOf(0x0a, pos);
		if (end < 0 && bytes.length - pos <= MAX_NAME) this.need(bytes.length - pos + 1);
		if (end < 0 || end - pos > MAX_NAME) this.ctx.fail('nom de GLOBAL trop long');
		const text = utf8.decode(bytes.subarray(pos, end));
		this.pos = end + 1;
		return text;
	};
}
