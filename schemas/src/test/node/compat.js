'use strict';
// Drives Confluent's own Node.js schema-registry client and Avro serdes against a registry, for
// ConfluentNodeClientCompatibilityIT. Each command prints one JSON object on stdout; errors go to stderr with exit 1.
//
//   node compat.js deserialize <registryUrl> <topic> <frameHex>        -> {"value": <decoded record>}
//   node compat.js serialize   <registryUrl> <topic> <recordJsonFile>  -> {"frameHex": "..."}  (latest version)
//   node compat.js registry    <registryUrl> <subject> <v1File> <compatibleV2File> <incompatibleV2File>
//                                                                      -> ids, versions, compatibility answers

const fs = require('fs');
const {
  SchemaRegistryClient, AvroSerializer, AvroDeserializer, SerdeType,
} = require('@confluentinc/schemaregistry');

function client(url) {
  // No retries here: the Java side decides what a failure means.
  return new SchemaRegistryClient({ baseURLs: [url], maxRetries: 0 });
}

async function deserialize(url, topic, frameHex) {
  const registry = client(url);
  try {
    const deserializer = new AvroDeserializer(registry, SerdeType.VALUE, {});
    const value = await deserializer.deserialize(topic, Buffer.from(frameHex, 'hex'));
    return { value };
  } finally {
    await registry.close();
  }
}

async function serialize(url, topic, recordFile) {
  const registry = client(url);
  try {
    // Write with the subject's latest registered schema, as a producer sharing the Java producer's contract would.
    const serializer = new AvroSerializer(registry, SerdeType.VALUE,
      { autoRegisterSchemas: false, useLatestVersion: true });
    const record = JSON.parse(fs.readFileSync(recordFile, 'utf8'));
    const frame = await serializer.serialize(topic, record);
    return { frameHex: frame.toString('hex') };
  } finally {
    await registry.close();
  }
}

async function registryOps(url, subject, v1File, compatibleFile, incompatibleFile) {
  const registry = client(url);
  const info = (file) => ({ schemaType: 'AVRO', schema: fs.readFileSync(file, 'utf8') });
  try {
    const registeredId = await registry.register(subject, info(v1File));
    const reRegisteredId = await registry.register(subject, info(v1File));
    const lookedUpId = await registry.getId(subject, info(v1File));
    const latest = await registry.getLatestSchemaMetadata(subject);
    const versions = await registry.getAllVersions(subject);
    const compatible = await registry.testSubjectCompatibility(subject, info(compatibleFile));
    const incompatible = await registry.testSubjectCompatibility(subject, info(incompatibleFile));
    let refused = null;
    try {
      await registry.register(subject, info(incompatibleFile));
    } catch (e) {
      refused = { status: e.status ?? null, errorCode: e.errorCode ?? null, message: String(e.message) };
    }
    return {
      registeredId, reRegisteredId, lookedUpId,
      latest: { id: latest.id, version: latest.version, subject: latest.subject, schema: latest.schema },
      versions, compatible, incompatible, refused,
    };
  } finally {
    await registry.close();
  }
}

async function main(argv) {
  const [command, ...args] = argv;
  switch (command) {
    case 'deserialize': return deserialize(...args);
    case 'serialize': return serialize(...args);
    case 'registry': return registryOps(...args);
    default: throw new Error(`unknown command '${command}'`);
  }
}

main(process.argv.slice(2))
  .then((result) => {
    process.stdout.write(JSON.stringify(result, (k, v) => (typeof v === 'bigint' ? v.toString() : v)));
    process.stdout.write('\n');
  })
  .catch((e) => {
    process.stderr.write(`${e && e.stack ? e.stack : e}\n`);
    process.exit(1);
  });
