// Node has no IndexedDB: every unit test gets a fresh in-memory one.
import 'fake-indexeddb/auto';
