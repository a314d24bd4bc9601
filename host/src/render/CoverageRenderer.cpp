//
// CoverageRenderer.cpp
//
// Library: sfia-evidence (host)
// Package: render
//
// The text output of `coverage`.
//

#include "render/CoverageRenderer.h"

#include "render/JsonFields.h"
#include "render/TextLayout.h"

#include <Poco/JSON/Array.h>

#include <algorithm>

namespace sfe {
namespace host {

void CoverageRenderer::render(const Poco::JSON::Object& response, std::ostream& out) const
{
    Poco::JSON::Array::Ptr levels = response.getArray("levels");
    std::size_t idWidth = 0;
    for (std::size_t i = 0; i < levels->size(); ++i)
    {
        Poco::JSON::Array::Ptr responsibilities = levels->getObject(static_cast<unsigned>(i))->getArray("responsibilities");
        for (std::size_t r = 0; r < responsibilities->size(); ++r)
            idWidth = std::max(idWidth, TextLayout::width(JsonFields::text(*responsibilities->getObject(static_cast<unsigned>(r)), "id")));
    }

    for (std::size_t i = 0; i < levels->size(); ++i)
    {
        Poco::JSON::Object::Ptr level = levels->getObject(static_cast<unsigned>(i));
        out << "Level " << JsonFields::text(*level, "level") << '\n';
        Poco::JSON::Array::Ptr responsibilities = level->getArray("responsibilities");
        for (std::size_t r = 0; r < responsibilities->size(); ++r)
        {
            Poco::JSON::Object::Ptr responsibility = responsibilities->getObject(static_cast<unsigned>(r));
            const std::string activities = JsonFields::joined(responsibility->getArray("activities"));
            out << "  " << TextLayout::padded(JsonFields::text(*responsibility, "id"), idWidth + 2)
                << (activities.empty() ? kUncovered : activities) << '\n';
        }
        const std::string levelWide = JsonFields::joined(level->getArray("levelWideActivities"));
        if (!levelWide.empty()) out << "  whole level: " << levelWide << '\n';
    }

    const std::size_t total = response.getValue<std::size_t>("responsibilities");
    const std::size_t uncovered = response.getValue<std::size_t>("uncovered");
    out << JsonFields::text(response, "skill") << ": " << (total - uncovered) << " of "
        << TextLayout::counted(total, "responsibility", "responsibilities") << " covered";
    if (uncovered > 0) out << ", " << uncovered << ' ' << kUncovered;
    out << '\n';
}

} } // namespace sfe::host
