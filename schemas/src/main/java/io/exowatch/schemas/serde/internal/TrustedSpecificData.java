package io.exowatch.schemas.serde.internal;

import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Conversion;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The Avro data model of one generated class, able to read it without widening Avro's class-loading guard.
 *
 * <p>Avro 1.12 refuses to load classes named by a schema unless their packages are trusted through the
 * {@code org.apache.avro.SERIALIZABLE_PACKAGES} system property (the guard stops a writer schema from naming an
 * arbitrary class). Here the classes come from the <em>reader</em> class's own compiled schema, never from the writer
 * schema: every named type inside it (nested records, enums, fixed) maps to the class the compiler generated next to
 * it. Other names fall back to Avro's guarded lookup. Logical-type conversions are those of the class's own model.
 */
public final class TrustedSpecificData extends SpecificData {

    private static final ClassValue<TrustedSpecificData> MODELS = new ClassValue<>() {
        @Override
        @SuppressWarnings("unchecked")
        protected TrustedSpecificData computeValue(final Class<?> type) {
            return build((Class<? extends SpecificRecord>) type);
        }
    };

    private final Map<String, Class<?>> classes;

    private TrustedSpecificData(final Class<? extends SpecificRecord> root, final Map<String, Class<?>> classes) {
        super(root.getClassLoader());
        this.classes = classes;
        for (final Conversion<?> conversion : SpecificData.getForClass(root).getConversions()) {
            addLogicalTypeConversion(conversion);
        }
    }

    /**
     * @param root a generated class
     * @return a model that reads {@code root} and every type nested in its schema (one per class, cached)
     * @throws IllegalArgumentException when a named type of the schema has no generated class
     */
    public static TrustedSpecificData forClass(final Class<? extends SpecificRecord> root) {
        return MODELS.get(root);
    }

    private static TrustedSpecificData build(final Class<? extends SpecificRecord> root) {
        final Schema schema = SpecificData.getForClass(root).getSchema(root);
        final Map<String, Class<?>> classes = new HashMap<>();
        collect(schema, root.getClassLoader(), classes, Collections.newSetFromMap(new IdentityHashMap<>()));
        return new TrustedSpecificData(root, Map.copyOf(classes));
    }

    /** @return for a named type of the reader class's schema its generated class, else Avro's guarded lookup */
    @Override
    public Class getClass(final Schema schema) {
        switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> {
                final Class<?> known = classes.get(schema.getFullName());
                return known != null ? known : super.getClass(schema);
            }
            default -> {
                return super.getClass(schema);
            }
        }
    }

    private static void collect(final Schema schema, final ClassLoader loader, final Map<String, Class<?>> classes,
            final Set<Schema> seen) {
        if (!seen.add(schema)) {
            return;
        }
        switch (schema.getType()) {
            case RECORD -> {
                load(schema, loader, classes);
                schema.getFields().forEach(f -> collect(f.schema(), loader, classes, seen));
            }
            case ENUM, FIXED -> load(schema, loader, classes);
            case ARRAY -> collect(schema.getElementType(), loader, classes, seen);
            case MAP -> collect(schema.getValueType(), loader, classes, seen);
            case UNION -> schema.getTypes().forEach(t -> collect(t, loader, classes, seen));
            default -> {
                // Primitive types map to Java types, not generated classes.
            }
        }
    }

    private static void load(final Schema schema, final ClassLoader loader, final Map<String, Class<?>> classes) {
        final String name = SpecificData.getClassName(schema);
        try {
            classes.put(schema.getFullName(), Class.forName(name, false, loader));
        } catch (final ClassNotFoundException e) {
            throw new IllegalArgumentException("No generated class " + name + " for type " + schema.getFullName(), e);
        }
    }
}
