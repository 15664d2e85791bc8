/**
 * File handling the storage module repeats in many places, with one home: opening a file to
 * (re)write it, writing a buffer fully, and replacing a small file durably (temporary file, fsync,
 * atomic rename, directory fsync), which the node key, the network file and the file chain rely on.
 */
package io.levity.storage.files;
