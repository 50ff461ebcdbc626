package io.exowatch.schemas.serde.internal;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * The Avro data model that reads a generated class, with the class cleared through Avro 1.12's class-loading guard.
 *
 * <p>Avro 1.12 refuses to instantiate a class named by a schema unless it is trusted (system properties
 * {@code org.apache.avro.SERIALIZABLE_PACKAGES}/{@code SERIALIZABLE_CLASSES}, or {@link ClassSecurityValidator}); the
 * guard stops a writer schema from naming an arbitrary class. Here the trusted classes come from the <em>reader</em>
 * class's own compiled schema, never from a writer schema: the class itself and each record, enum and fixed type
 * nested in it, each added exactly once to Avro's global predicate (what {@code SERIALIZABLE_CLASSES} would list).
 *
 * <p>The model is the class's own {@code MODEL$} (with its logical-type conversions). It must stay a plain
 * {@link SpecificData}: Avro's fast reader, about twice as fast, is only used for that exact class.
 */
public final class ReaderModels {

    private static final ClassValue<SpecificData> MODELS = new ClassValue<>() {
        @Override
        protected SpecificData computeValue(final Class<?> type) {
            final SpecificData model = SpecificData.getForClass(type);
            final Set<Class<?>> classes = new LinkedHashSet<>();
            collect(model.getSchema(type), type.getClassLoader(), classes,
                    Collections.newSetFromMap(new IdentityHashMap<>()));
            trust(classes);
            return model;
        }
    };

    private ReaderModels() {
    }

    /**
     * @param type a generated class
     * @return the model reading it and every generated type nested in its schema (computed once per class)
     * @throws IllegalArgumentException when a named type of the class's schema has no generated class
     */
    public static SpecificData forClass(final Class<? extends SpecificRecord> type) {
        return MODELS.get(type);
    }

    private static synchronized void trust(final Set<Class<?>> classes) {
        final ClassSecurityValidator.Builder trusted = ClassSecurityValidator.builder();
        classes.forEach(trusted::add);
        ClassSecurityValidator.setGlobal(
                ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), trusted.build()));
    }

    private static void collect(final Schema schema, final ClassLoader loader, final Set<Class<?>> classes,
            final Set<Schema> seen) {
        if (!seen.add(schema)) {
            return;
        }
        switch (schema.getType()) {
            case RECORD -> {
                classes.add(load(schema, loader));
                schema.getFields().forEach(f -> collect(f.schema(), loader, classes, seen));
            }
            case ENUM, FIXED -> classes.add(load(schema, loader));
            case ARRAY -> collect(schema.getElementType(), loader, classes, seen);
            case MAP -> collect(schema.getValueType(), loader, classes, seen);
            case UNION -> schema.getTypes().forEach(t -> collect(t, loader, classes, seen));
            default -> {
                // Primitive types map to Java types, not generated classes.
            }
        }
    }

    private static Class<?> load(final Schema schema, final ClassLoader loader) {
        final String name = SpecificData.getClassName(schema);
        try {
            return Class.forName(name, false, loader);
        } catch (final ClassNotFoundException e) {
            throw new IllegalArgumentException("No generated class " + name + " for type " + schema.getFullName(), e);
        }
    }
}
