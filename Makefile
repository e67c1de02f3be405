# `sam build` builds each function through this Makefile: one shaded jar, without the tests (run those with
# `mvn -B test`). Every function runs the same jar, with its own handler class.
.PHONY: build-PublishFunction build-DigestFunction build-SendFunction build-SubscriptionFunction build-BounceFunction

build-PublishFunction build-DigestFunction build-SendFunction build-SubscriptionFunction build-BounceFunction:
	mvn -q -B package -DskipTests
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp target/gazette.jar "$(ARTIFACTS_DIR)/lib/"
