import 'fake-indexeddb/auto';
import '../src/systems/index';
