/**
 * The pickle machine (protocols 2 to 5), as data: one forward pass over the input, every opcode consuming
 * at least one byte, so it always ends — at STOP or with a typed error. GLOBALs resolve through the
 * allow-list only; nothing is imported, called or read beyond the given bytes.
 */
import { PilotError } from '$lib/i18n/errors';
import { allowedGlobal } from './globals';
import { PICKLE_LIMITS } from './limits';
import { PyDict, PyGlobalRef, PySet, PyStateful, PyTuple, pyInt, tupleItems, type PickleContext } from './py';

/** Opcodes by byte (pickletools' names). */
export const OP = {
	MARK: 0x28,
	STOP: 0x2e,
	POP: 0x30,
	POP_MARK: 0x31,
	DUP: 0x32,
	BINBYTES: 0x42,
	SHORT_BINBYTES: 0x43,
	BINFLOAT: 0x47,
	BININT: 0x4a,
	BININT1: 0x4b,
	BININT2: 0x4d,
	NONE: 0x4e,
	PERSID: 0x50,
	BINPERSID: 0x51,
	REDUCE: 0x52,
	BINSTRING: 0x54,
	SHORT_BINSTRING: 0x55,
	BINUNICODE: 0x58,
	EMPTY_LIST: 0x5d,
	APPEND: 0x61,
	BUILD: 0x62,
	GLOBAL: 0x63,
	DICT: 0x64,
	APPENDS: 0x65,
	BINGET: 0x68,
	LONG_BINGET: 0x6a,
	LIST: 0x6c,
	BINPUT: 0x71,
	LONG_BINPUT: 0x72,
	SETITEM: 0x73,
	TUPLE: 0x74,
	SETITEMS: 0x75,
	EMPTY_TUPLE: 0x29,
	EMPTY_DICT: 0x7d,
	PROTO: 0x80,
	NEWOBJ: 0x81,
	EXT1: 0x82,
	EXT2: 0x83,
	EXT4: 0x84,
	TUPLE1: 0x85,
	TUPLE2: 0x86,
	TUPLE3: 0x87,
	NEWTRUE: 0x88,
	NEWFALSE: 0x89,
	LONG1: 0x8a,
	LONG4: 0x8b,
	SHORT_BINUNICODE: 0x8c,
	BINUNICODE8: 0x8d,
	BINBYTES8: 0x8e,
	EMPTY_SET: 0x8f,
	ADDITEMS: 0x90,
	FROZENSET: 0x91,
	NEWOBJ_EX: 0x92,
	STACK_GLOBAL: 0x93,
	MEMOIZE: 0x94,
	FRAME: 0x95,
	BYTEARRAY8: 0x96,
	NEXT_BUFFER: 0x97,
	READONLY_BUFFER: 0x98
} as const;

/** Longest module or class name a text GLOBAL may carry. */
const MAX_NAME = 256;

export interface MachineResult {
	protocol: number;
	globals: string[];
	value: unknown;
}

const utf8 = new TextDecoder('utf-8');

function latin1(bytes: Uint8Array): string {
	let out = '';
	for (let i = 0; i < bytes.length; i += 4096) out += String.fromCharCode(...bytes.subarray(i, i + 4096));
	return out;
}

/** A little-endian two's-complement integer of any byte count (LONG1 / LONG4). */
function longOf(bytes: Uint8Array): number | bigint {
	let value = 0n;
	for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]);
	if (bytes.length > 0 && bytes[bytes.length - 1] & 0x80) value -= 1n << BigInt(8 * bytes.length);
	return pyInt(value);
}

function describe(value: unknown): string {
	if (value instanceof PyStateful) return value.pyClass;
	if (value instanceof PyGlobalRef) return value.name;
	if (Array.isArray(value)) return 'list';
	if (value instanceof PyTuple) return 'tuple';
	if (value instanceof PyDict) return 'dict';
	return value === null ? 'None' : typeof value;
}

export function runMachine(bytes: Uint8Array, ctx: PickleContext): MachineResult {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const stack: unknown[] = [];
	const marks: number[] = [];
	const memo = new Map<number, unknown>();
	const globals: string[] = [];
	let pos = 0;

	const need = (n: number) => {
		const left = bytes.length - pos;
		if (n > left)
			throw new PilotError('pickle-truncated', { file: ctx.file, offset: bytes.length, needed: n - left });
	};
	const u8 = () => {
		need(1);
		return bytes[pos++];
	};
	const fixed = <T>(size: number, read: (at: number) => T): T => {
		need(size);
		pos += size;
		return read(pos - size);
	};
	const u16 = () => fixed(2, (at) => view.getUint16(at, true));
	const u32 = () => fixed(4, (at) => view.getUint32(at, true));
	const i32 = () => fixed(4, (at) => view.getInt32(at, true));
	/** A uint64 length; beyond 2^53 it cannot fit in the input anyway, so `need` refuses it. */
	const u64 = () => fixed(8, (at) => view.getUint32(at, true) + view.getUint32(at + 4, true) * 2 ** 32);
	const take = (n: number) => {
		need(n);
		pos += n;
		return bytes.subarray(pos - n, pos);
	};
	const line = () => {
		const end = bytes.indexOf(0x0a, pos);
		if (end < 0 && bytes.length - pos <= MAX_NAME) need(bytes.length - pos + 1);
		if (end < 0 || end - pos > MAX_NAME) ctx.fail('nom de GLOBAL trop long');
		const text = utf8.decode(bytes.subarray(pos, end));
		pos = end + 1;
		return text;
	};

	const base = () => (marks.length ? marks[marks.length - 1] : 0);
	const push = (value: unknown) => {
		if (stack.length >= PICKLE_LIMITS.maxStack) ctx.tooLarge('pile du pickle', PICKLE_LIMITS.maxStack);
		stack.push(value);
	};
	const pop = () => {
		if (stack.length <= base()) ctx.fail('pile vide');
		return stack.pop();
	};
	const top = () => {
		if (stack.length <= base()) ctx.fail('pile vide');
		return stack[stack.length - 1];
	};
	const popMark = () => {
		const at = marks.pop();
		if (at === undefined) return ctx.fail('MARK manquant');
		return stack.splice(at);
	};
	const put = (index: number) => {
		if (!memo.has(index) && memo.size >= PICKLE_LIMITS.maxMemo)
			ctx.tooLarge('mémo du pickle', PICKLE_LIMITS.maxMemo);
		memo.set(index, top());
	};
	const get = (index: number) => {
		if (!memo.has(index)) ctx.fail(`mémo ${index} absent`);
		push(memo.get(index));
	};
	const setItems = (dict: unknown, items: unknown[]) => {
		if (!(dict instanceof PyDict)) ctx.fail(`SETITEM sur ${describe(dict)}`);
		if (items.length % 2) ctx.fail('clé sans valeur');
		for (let i = 0; i < items.length; i += 2) {
			const key = items[i];
			if (Array.isArray(key) || key instanceof PyDict || key instanceof PySet) ctx.fail('clé non hachable');
			dict.map.set(key, items[i + 1]);
		}
	};
	const listOf = (value: unknown): unknown[] => {
		if (!Array.isArray(value)) ctx.fail(`APPEND sur ${describe(value)}`);
		return value;
	};
	const resolve = (module: unknown, name: unknown) => {
		if (typeof module !== 'string' || typeof name !== 'string') ctx.fail('GLOBAL sans nom');
		const full = `${module}.${name}`;
		const spec = allowedGlobal(module, name) ?? ctx.refuse(full);
		if (!globals.includes(full)) globals.push(full);
		push(new PyGlobalRef(spec, full));
	};
	const construct = (cls: unknown, args: unknown) => {
		if (!(cls instanceof PyGlobalRef) || !cls.spec.construct)
			ctx.fail(`${describe(cls)} n'est pas une classe constructible`);
		push(cls.spec.construct(tupleItems(args, ctx, `arguments de ${cls.name}`), ctx, cls.name));
	};

	ctx.offset = 0;
	if (u8() !== OP.PROTO) ctx.fail('pas un pickle (protocole 2 à 5 attendu)');
	const protocol = u8();
	if (protocol < 2 || protocol > 5) ctx.refuse(`pickle de protocole ${protocol}`);

	for (;;) {
		ctx.offset = pos;
		const op = u8();
		switch (op) {
			case OP.PROTO:
				if (u8() !== protocol) ctx.fail('protocole changé en cours de fichier');
				break;
			case OP.FRAME:
				need(u64());
				break;
			case OP.STOP: {
				if (marks.length) ctx.fail('MARK non fermé');
				if (stack.length !== 1) ctx.fail('pile incohérente à la fin');
				if (pos !== bytes.length) ctx.fail('données après la fin du pickle');
				return { protocol, globals, value: stack[0] };
			}
			case OP.MARK:
				if (marks.length >= PICKLE_LIMITS.maxDepth) ctx.tooLarge('imbrication', PICKLE_LIMITS.maxDepth);
				marks.push(stack.length);
				break;
			case OP.POP:
				if (stack.length > base()) stack.pop();
				else popMark();
				break;
			case OP.POP_MARK:
				popMark();
				break;
			case OP.DUP:
				push(top());
				break;
			case OP.NONE:
				push(null);
				break;
			case OP.NEWTRUE:
				push(true);
				break;
			case OP.NEWFALSE:
				push(false);
				break;
			case OP.BININT:
				push(i32());
				break;
			case OP.BININT1:
				push(u8());
				break;
			case OP.BININT2:
				push(u16());
				break;
			case OP.LONG1:
				push(longOf(take(u8())));
				break;
			case OP.LONG4: {
				const n = i32();
				if (n < 0) ctx.fail('longueur négative');
				if (n > PICKLE_LIMITS.maxIntBytes) ctx.tooLarge('octets d’un entier', PICKLE_LIMITS.maxIntBytes);
				push(longOf(take(n)));
				break;
			}
			case OP.BINFLOAT:
				push(fixed(8, (at) => view.getFloat64(at, false)));
				break;
			case OP.SHORT_BINUNICODE:
				push(utf8.decode(take(u8())));
				break;
			case OP.BINUNICODE:
				push(utf8.decode(take(u32())));
				break;
			case OP.BINUNICODE8:
				push(utf8.decode(take(u64())));
				break;
			case OP.SHORT_BINSTRING:
				push(latin1(take(u8())));
				break;
			case OP.BINSTRING: {
				const n = i32();
				if (n < 0) ctx.fail('longueur négative');
				push(latin1(take(n)));
				break;
			}
			case OP.SHORT_BINBYTES:
				push(take(u8()).slice());
				break;
			case OP.BINBYTES:
				push(take(u32()).slice());
				break;
			case OP.BINBYTES8:
			case OP.BYTEARRAY8:
				push(take(u64()).slice());
				break;
			case OP.EMPTY_TUPLE:
				push(new PyTuple([]));
				break;
			case OP.TUPLE1:
				push(new PyTuple([pop()]));
				break;
			case OP.TUPLE2: {
				const b = pop();
				push(new PyTuple([pop(), b]));
				break;
			}
			case OP.TUPLE3: {
				const c = pop();
				const b = pop();
				push(new PyTuple([pop(), b, c]));
				break;
			}
			case OP.TUPLE:
				push(new PyTuple(popMark()));
				break;
			case OP.EMPTY_LIST:
				push([]);
				break;
			case OP.LIST:
				push(popMark());
				break;
			case OP.APPEND: {
				const item = pop();
				listOf(top()).push(item);
				break;
			}
			case OP.APPENDS: {
				const items = popMark();
				const list = listOf(top());
				for (const item of items) list.push(item);
				break;
			}
			case OP.EMPTY_DICT:
				push(new PyDict());
				break;
			case OP.DICT: {
				const dict = new PyDict();
				setItems(dict, popMark());
				push(dict);
				break;
			}
			case OP.SETITEM: {
				const value = pop();
				const key = pop();
				setItems(top(), [key, value]);
				break;
			}
			case OP.SETITEMS: {
				const items = popMark();
				setItems(top(), items);
				break;
			}
			case OP.EMPTY_SET:
				push(new PySet());
				break;
			case OP.FROZENSET: {
				const set = new PySet();
				for (const item of popMark()) set.items.push(item);
				push(set);
				break;
			}
			case OP.ADDITEMS: {
				const items = popMark();
				const set = top();
				if (!(set instanceof PySet)) ctx.fail(`ADDITEMS sur ${describe(set)}`);
				for (const item of items) set.items.push(item);
				break;
			}
			case OP.BINPUT:
				put(u8());
				break;
			case OP.LONG_BINPUT:
				put(u32());
				break;
			case OP.MEMOIZE:
				put(memo.size);
				break;
			case OP.BINGET:
				get(u8());
				break;
			case OP.LONG_BINGET:
				get(u32());
				break;
			case OP.GLOBAL: {
				const module = line();
				resolve(module, line());
				break;
			}
			case OP.STACK_GLOBAL: {
				const name = pop();
				resolve(pop(), name);
				break;
			}
			case OP.REDUCE: {
				const args = pop();
				const fn = pop();
				if (!(fn instanceof PyGlobalRef) || !fn.spec.call)
					return ctx.fail(`${describe(fn)} n'est pas appelable`);
				push(fn.spec.call(tupleItems(args, ctx, `arguments de ${fn.name}`), ctx));
				break;
			}
			case OP.NEWOBJ: {
				const args = pop();
				construct(pop(), args);
				break;
			}
			case OP.NEWOBJ_EX: {
				const kwargs = pop();
				const args = pop();
				if (!(kwargs instanceof PyDict) || kwargs.map.size) ctx.fail('NEWOBJ_EX avec arguments nommés');
				construct(pop(), args);
				break;
			}
			case OP.BUILD: {
				const state = pop();
				const target = top();
				if (!(target instanceof PyStateful)) ctx.fail(`BUILD sur ${describe(target)}`);
				target.build(state, ctx);
				break;
			}
			case OP.EXT1:
				ctx.refuse(`extension copyreg n° ${u8()}`);
				break;
			case OP.EXT2:
				ctx.refuse(`extension copyreg n° ${u16()}`);
				break;
			case OP.EXT4:
				ctx.refuse(`extension copyreg n° ${u32()}`);
				break;
			case OP.PERSID:
			case OP.BINPERSID:
				ctx.refuse('identifiant persistant (PERSID)');
				break;
			case OP.NEXT_BUFFER:
				ctx.refuse('tampon hors bande (NEXT_BUFFER)');
				break;
			case OP.READONLY_BUFFER:
				top();
				break;
			default:
				ctx.fail(`opcode 0x${op.toString(16).padStart(2, '0')} non pris en charge`);
		}
	}
}
