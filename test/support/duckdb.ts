// A bare in-memory DuckDB connection for the file's tests (unit tests of SQL
// the engine generates), opened before them and closed after.
import { after, before } from 'node:test';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

export function memoryConnection(): { readonly db: DuckDBConnection } {
  let instance: DuckDBInstance | undefined;
  let connection: DuckDBConnection | undefined;
  before(async () => {
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
  });
  after(() => {
    connection?.closeSync();
    instance?.closeSync();
  });
  return {
    get db() {
      if (!connection) throw new Error('the connection opens in before()');
      return connection;
    },
  };
}
