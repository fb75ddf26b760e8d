# syntax=docker/dockerfile:1
# Settle app image: build with the Maven wrapper on a JDK, run the Spring Boot jar on a JRE as non-root.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
# the cache mount keeps ~/.m2 (and the wrapper's Maven) between builds
RUN --mount=type=cache,target=/root/.m2 chmod +x mvnw && ./mvnw -B -DskipTests package

FROM eclipse-temurin:17-jre
RUN groupadd --system settle && useradd --system --gid settle --home-dir /app settle
WORKDIR /app
COPY --from=build --chown=settle:settle /src/app/target/settle-app.jar /app/settle-app.jar
# the embedded default (no SPRING_DATASOURCE_URL) keeps its data here
RUN mkdir -p /app/.settle && chown settle:settle /app/.settle
USER settle
ENV AXONIQ_UPDATE_CHECKER_DISABLED=true \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
EXPOSE 8080
ENTRYPOINT ["java", "-Daxoniq.update-checker.disabled=true", "-jar", "/app/settle-app.jar"]
