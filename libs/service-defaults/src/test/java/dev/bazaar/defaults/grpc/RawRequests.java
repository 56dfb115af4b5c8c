package dev.bazaar.defaults.grpc;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import dev.bazaar.proto.catalog.v1.CatalogServiceGrpc;
import io.grpc.MethodDescriptor;

/** The catalog's GetProducts as a client that sends whatever bytes it is given. */
final class RawRequests {

    static final MethodDescriptor<byte[], byte[]> GET_PRODUCTS = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(CatalogServiceGrpc.getGetProductsMethod().getFullMethodName())
            .setRequestMarshaller(new Bytes())
            .setResponseMarshaller(new Bytes())
            .build();

    private RawRequests() {
    }

    private static final class Bytes implements MethodDescriptor.Marshaller<byte[]> {

        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
