# syntax=docker/dockerfile:1
# Build: docker build -t shirase .
# Run:   docker run -p 8080:8080 -e CLOCKIFY_DISCORD_WEBHOOK_URL=... shirase
# routes/ and application.properties sit in /app and can be mounted over to change flows without a rebuild.

FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -ntp -q dependency:go-offline
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
RUN mkdir -p /app/data && chown shirase /app/data
USER shirase
EXPOSE 8080
# Serial GC and a heap sized to the container: a small, bursty webhook relay needs no more.
ENV JAVA_OPTS="-XX:+UseSerialGC -XX:MaxRAMPercentage=70 -XX:+ExitOnOutOfMemoryError"
HEALTHCHECK --interval=30s --timeout=3s --start-period=30s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${PORT:-8080}/observe/health" > /dev/null || exit 1
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/shirase.jar"]
