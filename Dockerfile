# Multi-stage build of the one ExoWatch image: ingest, enrich, sink and the CLI share it.
#   docker build -t exowatch:0.1.0 .
FROM eclipse-temurin:17-jdk-jammy AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY schemas/pom.xml schemas/
COPY local-stack/pom.xml local-stack/
COPY common/pom.xml common/
COPY ingest/pom.xml ingest/
COPY enrich/pom.xml enrich/
COPY sink/pom.xml sink/
COPY app/pom.xml app/
COPY benchmarks/pom.xml benchmarks/
# Dependencies first, so source edits reuse this layer.
RUN ./mvnw -B -q -pl app -am dependency:go-offline -DskipTests || true
COPY . .
RUN ./mvnw -B -q -pl app -am package -DskipTests

FROM eclipse-temurin:17-jre-jammy
RUN groupadd --system exowatch && useradd --system --gid exowatch --home-dir /var/lib/exowatch exowatch \
    && mkdir -p /var/lib/exowatch/state && chown -R exowatch:exowatch /var/lib/exowatch
COPY --from=build /src/app/target/exowatch.jar /opt/exowatch/exowatch.jar
USER exowatch
WORKDIR /var/lib/exowatch
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/opt/exowatch/exowatch.jar"]
CMD ["--help"]
