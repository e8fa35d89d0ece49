package io.dikast.grafeas.security;

import com.google.protobuf.MessageLite;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Rejects gRPC messages over the configured limit with {@code RESOURCE_EXHAUSTED}; the transport
 * limit is not applied the same way by every server Quarkus can run gRPC on, so it is checked here.
 */
@GlobalInterceptor
@ApplicationScoped
public class RequestSizeInterceptor implements ServerInterceptor {

  private final int maxBytes;

  public RequestSizeInterceptor(GrafeasServerConfig config) {
    this.maxBytes = config.limits().maxRequestBytes();
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    ServerCall.Listener<Q> delegate = next.startCall(call, headers);
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
      private boolean rejected;

      @Override
      public void onMessage(Q message) {
        int size = ((MessageLite) message).getSerializedSize();
        if (size > maxBytes) {
          rejected = true;
          call.close(
              Status.RESOURCE_EXHAUSTED.withDescription(
                  "request of " + size + " bytes exceeds the limit of " + maxBytes + " bytes"),
              new Metadata());
          return;
        }
        super.onMessage(message);
      }

      @Override
      public void onHalfClose() {
        if (!rejected) {
          super.onHalfClose();
        }
      }
    };
  }
}
