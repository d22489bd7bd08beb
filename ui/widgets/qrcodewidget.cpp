#include "qrcodewidget.h"

#include <QPainter>

#include <qrencode.h>

#include <memory>

namespace loom {

QrCodeWidget::QrCodeWidget(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
}

bool QrCodeWidget::setText(const QString &text)
{
    m_image = QImage();
    if (!text.isEmpty()) {
        const QByteArray utf8 = text.toUtf8();
        std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
            QRcode_encodeString(utf8.constData(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
        if (code) {
            const int width = code->width;
            QImage image(width, width, QImage::Format_Mono);
            image.setColor(0, qRgb(255, 255, 255));
            image.setColor(1, qRgb(0, 0, 0));
            for (int y = 0; y < width; ++y)
                for (int x = 0; x < width; ++x)
                    image.setPixel(x, y, (code->data[y * width + x] & 1) ? 1 : 0);
            m_image = image;
        }
    }
    update();
    return !m_image.isNull() || text.isEmpty();
}

void QrCodeWidget::setPlaceholder(const QString &sentence)
{
    m_placeholder = sentence;
    update();
}

void QrCodeWidget::clear()
{
    m_image = QImage();
    update();
}

QSize QrCodeWidget::sizeHint() const
{
    return {200, 200};
}

QSize QrCodeWidget::minimumSizeHint() const
{
    return {140, 140};
}

void QrCodeWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const int side = std::min(width(), height());
    const QRect square((width() - side) / 2, (height() - side) / 2, side, side);
    if (m_image.isNull()) {
        painter.setPen(QPen(palette().color(QPalette::Mid), 1, Qt::DashLine));
        painter.drawRect(square.adjusted(0, 0, -1, -1));
        painter.setPen(palette().color(QPalette::Disabled, QPalette::Text));
        painter.drawText(square.adjusted(10, 10, -10, -10), Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
        return;
    }
    painter.fillRect(square, Qt::white);
    // A quiet zone of 2 modules, then whole pixels per module so the code stays sharp.
    const int modules = m_image.width() + 4;
    const int scale = std::max(1, side / modules);
    const int drawn = scale * m_image.width();
    const QRect target(square.center().x() - drawn / 2, square.center().y() - drawn / 2, drawn, drawn);
    painter.drawImage(target, m_image);
}

} // namespace loom
