/**
 * A chunk record's rows, packed: JSON, UTF-8, raw deflate. Bulk rows are the bulk of the database,
 * and as deflated bytes they take ~10× less room, are written and read by IndexedDB 3–8× faster
 * than the same rows as objects (docs/performance.md), and go into a backup as they are, without
 * being serialised again. Rows are plain JSON data by construction (parsers emit strings, finite
 * numbers, booleans and null), which the round-trip tests hold them to.
 */
import { deflateSync, inflateSync } from 'fflate';

/** Native streams where they exist (browsers, Node ≥ 18): several times faster than deflate in JS. */
const NATIVE = typeof CompressionStream !== 'undefined' && typeof DecompressionStream !== 'undefined';

async function through(
	bytes: Uint8Array<ArrayBuffer>,
	stream: GenericTransformStream
): Promise<Uint8Array<ArrayBuffer>> {
	const output = new Blob([bytes]).stream().pipeThrough(stream as TransformStream<Uint8Array, Uint8Array>);
	return new Uint8Array(await new Response(output).arrayBuffer());
}

export async function packRows(rows: readonly unknown[]): Promise<Uint8Array<ArrayBuffer>> {
	const json = new TextEncoder().encode(JSON.stringify(rows));
	return NATIVE ? through(json, new CompressionStream('deflate-raw')) : packRowsSync(rows);
}

/** For code that cannot await anything but IndexedDB (a Dexie upgrade): the same bytes format. */
export function packRowsSync(rows: readonly unknown[]): Uint8Array<ArrayBuffer> {
	return deflateSync(new TextEncoder().encode(JSON.stringify(rows)), { level: 6 }) as Uint8Array<ArrayBuffer>;
}

export async function unpackRows<Row = Record<string, unknown>>(data: Uint8Array): Promise<Row[]> {
	const bytes = data as Uint8Array<ArrayBuffer>;
	const json = NATIVE ? await through(bytes, new DecompressionStream('deflate-raw')) : inflateSync(bytes);
	return JSON.parse(new TextDecoder().decode(json)) as Row[];
}
