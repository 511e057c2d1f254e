package dev.bulwark.server.store;

import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test that runs once per store engine (see {@link StoreKinds}); it may take a {@link Store}, a
 * {@link StoreTarget} (to open the same database again) or the {@link StoreKind} as parameters.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(StoreKinds.class)
public @interface StoreTest
{
}
