/**
 * The pickle machine (protocols 2 to 5), as data: one forward pass over the input, every opcode consuming
 * at least one byte, so it always ends — at STOP or with a typed error. GLOBALs resolve through the
 * allow-list only; nothing is imported, called or read beyond the given bytes.
 */
import { allowedGlobal } from './globals';
import { PICKLE_LIMITS } from './limits';
import { OP } from './opcodes';
import { PickleBytes } from './pickle-bytes';
import { PyDict, PyGlobalRef, PySet, PyStateful, PyTuple, pyInt, tupleItems, type PickleContext } from './py';

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
	const stack: unknown[] = [];
	const marks: number[] = [];
	const memo = new Map<number, unknown>();
	const globals: string[] = [];

	const read = new PickleBytes(bytes, ctx);
	const { u8, u16, u32, i32, u64, take, line } = read;

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
		ctx.offset = read.pos;
		const op = u8();
		switch (op) {
			case OP.PROTO:
				if (u8() !== protocol) ctx.fail('protocole changé en cours de fichier');
				break;
			case OP.FRAME:
				read.need(u64());
				break;
			case OP.STOP: {
				if (marks.length) ctx.fail('MARK non fermé');
				if (stack.length !== 1) ctx.fail('pile incohérente à la fin');
				if (!read.atEnd) ctx.fail('données après la fin du pickle');
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
				push(read.f64());
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
