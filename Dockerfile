# citebot's Telegram bot as a container (see docs/TELEGRAM.md).
#   docker build -t citebot .
#   docker run -d --restart unless-stopped -e TELEGRAM_BOT_TOKEN -e CITEBOT_MODEL=none \
#     -v "$PWD/corpus:/data/corpus" -v citebot-index:/data/index citebot
FROM python:3.11-slim

ENV PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# torch first, pinned to the CPU build, so sentence-transformers does not pull CUDA wheels
RUN pip install --index-url https://download.pytorch.org/whl/cpu torch==2.13.0

COPY pyproject.toml README.m[d] ./
COPY retrieval ./retrieval
COPY bot ./bot
RUN pip install '.[webhooks]'

RUN useradd --create-home --uid 10001 citebot \
    && mkdir -p /data/corpus /data/index \
    && chown -R citebot /data
USER citebot

# the corpus and the index (with the feedback database) live in /data: mount volumes there
ENV CITEBOT_CORPUS=/data/corpus \
    CITEBOT_INDEX_DIR=/data/index
VOLUME ["/data/corpus", "/data/index"]
# only used in webhook mode (--webhook-url ... --listen 0.0.0.0 --port 8443)
EXPOSE 8443

ENTRYPOINT ["citebot"]
CMD ["bot"]
