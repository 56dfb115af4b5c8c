# syntax=docker/dockerfile:1
# Any Bazaar service as a container: SERVICE names its Maven module, HTTP_PORT and GRPC_PORT the
# ports it serves (the gateway has no gRPC port). The build context is the repository root, so the
# Maven reactor (proto/, libs/) is available:
#   docker build --build-arg SERVICE=catalog-service --build-arg HTTP_PORT=8081 --build-arg GRPC_PORT=9091 \
#     -t bazaar/catalog-service .
# docker-compose.yml builds every service that way.

# ---- build: the service's jar and the OpenTelemetry Java agent ----
FROM eclipse-temurin:25-jdk AS build
WORKDIR /workspace
# the same agent version as the root pom's opentelemetry-agent.version
ARG OTEL_AGENT_VERSION=2.33.1

# The agent first, from the wrapper and the root pom alone (-N): this layer survives source changes
# and, since SERVICE is declared after it, is shared by every service's image.
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -N dependency:copy \
      -Dartifact=io.opentelemetry.javaagent:opentelemetry-javaagent:${OTEL_AGENT_VERSION} \
      -DoutputDirectory=/workspace/agent -Dmdep.stripVersion=true

# The whole reactor (every module's pom must be present); only this module and what it needs are built.
COPY . .
ARG SERVICE
ARG HTTP_PORT
RUN test -n "${SERVICE}" && test -f "${SERVICE}/pom.xml" && test -n "${HTTP_PORT}" \
 || { echo "build with --build-arg SERVICE=<service module> --build-arg HTTP_PORT=<its HTTP port>" >&2; exit 1; }
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -pl "${SERVICE}" -am package -DskipTests \
 && cp "${SERVICE}/target/${SERVICE}"-*.jar /workspace/app.jar

# ---- run: JRE only, non-root ----
FROM eclipse-temurin:25-jre
# wget for the health check: the JRE image has neither wget nor curl
RUN apt-get update \
 && apt-get install -y --no-install-recommends wget \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 bazaar \
 && useradd --system --uid 10001 --gid bazaar --home-dir /app --no-create-home --shell /usr/sbin/nologin bazaar
WORKDIR /app
COPY --from=build /workspace/agent/opentelemetry-javaagent.jar /app/opentelemetry-javaagent.jar
COPY deploy/otel/agent.properties /app/otel-agent.properties
COPY --from=build /workspace/app.jar /app/app.jar
USER 10001:10001

# The same JVM flags as ./bazaar (small heap, serial GC, no netty "restricted method" warning), plus
# the agent with the instrumentations Bazaar uses (deploy/otel/agent.properties). The agent's
# OTEL_* settings (service name, endpoint) come from the environment.
ENV JAVA_TOOL_OPTIONS="-javaagent:/app/opentelemetry-javaagent.jar -Dotel.javaagent.configuration-file=/app/otel-agent.properties -Xms64m -Xmx256m -XX:+UseSerialGC -Xss512k -XX:ReservedCodeCacheSize=64m -XX:+UseCompactObjectHeaders --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Dreactor.netty.ioWorkerCount=2"
ENV MALLOC_ARENA_MAX=2

# HTTP, gRPC
ARG HTTP_PORT
ARG GRPC_PORT=
EXPOSE ${HTTP_PORT} ${GRPC_PORT}
# A health check runs in the container, where build arguments are gone: the port stays as an
# environment variable. Readiness is served on the HTTP port at /readyz (its Actuator is on the
# management port, which compose and Kubernetes may move).
ENV READINESS_PORT=${HTTP_PORT}
HEALTHCHECK --interval=10s --timeout=5s --start-period=180s --retries=3 \
  CMD wget -qO- "http://127.0.0.1:${READINESS_PORT}/readyz" || exit 1
# Exec form, no shell in between: java is the container's PID 1, so `docker stop`'s SIGTERM reaches it
# and starts Spring's graceful shutdown (compose gives it stop_grace_period: 30s before SIGKILL).
STOPSIGNAL SIGTERM
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
