import 'fake-indexeddb/auto';
import '../src/systems/grammars';
