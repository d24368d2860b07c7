# syntax=docker/dockerfile:1
# Build: docker build -t shirase .   (DockerfileIT builds it without a Docker engine, staged as these lines say)
# Run:   docker run -p 8080:8080 -e CLOCKIFY_DISCORD_WEBHOOK_URL=... shirase
# routes/, templates/ and application.properties sit in /app and can be mounted over to change flows and wording
# without a rebuild.

FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -ntp -q dependency:go-offline
# the build makes the list of known settings (bin/shirase check) from application.properties
COPY application.properties .
COPY src src
RUN mvn -B -ntp -q -DskipTests package

FROM eclipse-temurin:25-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin shirase
WORKDIR /app
COPY --from=build /src/target/lib/ /app/lib/
COPY --from=build /src/target/shirase.jar /app/shirase.jar
COPY application.properties /app/application.properties
COPY routes/ /app/routes/
COPY templates/ /app/templates/
COPY bin/ /app/bin/
ENV SHIRASE_JAR=/app/shirase.jar \
    SHIRASE_AOT_CACHE=/app/shirase.aot
# JDK 25 AOT cache: a training run relays a few webhooks and writes the loaded and linked classes to
# /app/shirase.aot, which bin/shirase starts with (first response in about 60 % of the time, see bench/README.md).
RUN bin/shirase check && bin/aot-train && mkdir -p /app/data && chown shirase /app/data
USER shirase
EXPOSE 8080
# Heap, GC and JIT are chosen in bin/shirase (Serial GC, 32-64 MB heap, C1 only) and stated there; JAVA_OPTS
# replaces them, e.g. -e JAVA_OPTS="-XX:+UseSerialGC -Xmx256m" for very large payloads.
HEALTHCHECK --interval=30s --timeout=3s --start-period=30s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${PORT:-8080}/observe/health" > /dev/null || exit 1
ENTRYPOINT ["/app/bin/shirase"]
