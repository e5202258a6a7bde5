/**
 * redframe: data frames, arrays and objects kept in Redis under a name, versioned and published
 * atomically. {@link io.redframe.FrameStore} is the entry point; {@link io.redframe.StoreOption}
 * lists its options; {@link io.redframe.FrameStoreException} and its subclasses are the errors.
 */
package io.redframe;
